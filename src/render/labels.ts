/**
 * Every label a person reads, in English and Russian. The keys are the JSON
 * names of the figures, so one word names one thing everywhere.
 */

import type { Lang } from './format.js';

const LABELS = {
  plan_for: { en: 'plan for a', ru: 'план на' },
  month: { en: 'month', ru: 'месяц' },
  quarter: { en: 'quarter', ru: 'квартал' },
  year: { en: 'year', ru: 'год' },
  weeks: { en: 'weeks', ru: 'нед.' },
  months: { en: 'months', ru: 'мес.' },
  hours: { en: 'h', ru: 'ч' },

  clients: { en: 'Clients', ru: 'Клиенты' },
  revenue_target: { en: 'Revenue target', ru: 'Цель по выручке' },
  average_check: { en: 'Average check', ru: 'Средний чек' },
  client_months: { en: 'Client-months', ru: 'Клиенто-месяцы' },
  contract_months: { en: 'Contract', ru: 'Контракт' },
  new_clients: { en: 'New clients', ru: 'Новые клиенты' },
  attempts_needed: { en: 'Attempts needed', ru: 'Нужно попыток' },
  meetings_needed: { en: 'Meetings needed', ru: 'Нужно встреч' },
  period_weeks: { en: 'Weeks in the period', ru: 'Недель в периоде' },
  implied_margin: { en: 'Margin at the average check', ru: 'Маржа при среднем чеке' },
  clients_lost_per_month: {
    en: 'Of them lost to churn a month',
    ru: 'Из них уходит в месяц (отток)',
  },

  funnel: { en: 'Funnel', ru: 'Воронка' },
  stage: { en: 'Stage', ru: 'Этап' },
  conversion: { en: 'Conversion', ru: 'Конверсия' },
  needed: { en: 'Needed', ru: 'Нужно' },
  per_week: { en: 'Per week', ru: 'В неделю' },

  sales: { en: 'Sales', ru: 'Продажи' },
  attempts_per_week: { en: 'Attempts a week (team)', ru: 'Попыток в неделю (команда)' },
  meetings_per_week: { en: 'Meetings a week (ceiling)', ru: 'Встреч в неделю (потолок)' },
  weeks_to_close: { en: 'Weeks to close', ru: 'Недель на план' },
  reps: { en: 'Reps now', ru: 'Менеджеров сейчас' },
  reps_needed: { en: 'Reps needed', ru: 'Нужно менеджеров' },
  bottleneck: { en: 'Set by', ru: 'Ограничивает' },
  bottleneck_attempts: { en: 'attempts', ru: 'попытки' },
  bottleneck_meetings: { en: 'meetings', ru: 'встречи' },
  of: { en: 'of', ru: 'из' },

  unit_economics: { en: 'Unit economics', ru: 'Юнит-экономика' },
  gross_profit_per_month: {
    en: 'Gross profit a client-month',
    ru: 'Валовая прибыль на клиенто-месяц',
  },
  cac: { en: 'CAC', ru: 'CAC (стоимость привлечения)' },
  lifetime_months: { en: 'Lifetime', ru: 'Срок жизни клиента' },
  capped: { en: 'capped', ru: 'ограничен' },
  ltv: { en: 'LTV', ru: 'LTV (пожизненная ценность)' },
  ltv_to_cac: { en: 'LTV/CAC', ru: 'LTV/CAC' },
  payback_months: { en: 'Payback', ru: 'Окупаемость' },

  pricing: { en: 'Pricing', ru: 'Цена' },
  direct_cost_per_month: {
    en: 'Direct cost a client-month',
    ru: 'Прямые затраты на клиенто-месяц',
  },
  minimum_check_for_margin: { en: 'Minimum check for the margin', ru: 'Минимальный чек по марже' },
  minimum_check_for_cac: {
    en: 'Minimum check to earn back CAC',
    ru: 'Минимальный чек для окупаемости CAC',
  },
  minimum_check: { en: 'Minimum check (binding)', ru: 'Минимальный чек (действующий)' },
  minimum_check_policy: { en: 'Minimum check (policy)', ru: 'Минимальный чек (политика)' },
  hours_budget_at_average_check: {
    en: 'Hours budget at the average check',
    ru: 'Бюджет часов при среднем чеке',
  },

  capacity: { en: 'Delivery capacity', ru: 'Вместимость производства' },
  role: { en: 'Role', ru: 'Роль' },
  headcount: { en: 'People', ru: 'Людей' },
  capacity_clients: { en: 'Capacity', ru: 'Вместимость' },
  peak_active_clients: { en: 'Peak clients', ru: 'Пик клиентов' },
  load: { en: 'Load', ru: 'Загрузка' },
  hires_needed: { en: 'Hires', ru: 'Нанять' },
  max_load: { en: 'Highest role load', ru: 'Максимальная загрузка' },
  percentage_points: { en: 'pp', ru: 'п. п.' },
  hours_per_client_per_week: { en: 'Hours a client a week', ru: 'Часов на клиента в неделю' },

  checks: { en: 'Checks', ru: 'Проверки' },
  check: { en: 'Check', ru: 'Проверка' },
  value: { en: 'Value', ru: 'Значение' },
  limit: { en: 'Limit', ru: 'Порог' },
  passed: { en: 'passed', ru: 'пройдена' },
  chance_of_passing: { en: 'chance of passing', ru: 'вероятность пройти' },
  failed: { en: 'FAILED', ru: 'НЕ ПРОЙДЕНА' },
  all_passed: { en: 'All checks passed.', ru: 'Все проверки пройдены.' },
  checks_failed: {
    en: '{failed} of {total} checks failed',
    ru: 'не пройдено проверок: {failed} из {total}',
  },
  scenario_passed: { en: 'all passed', ru: 'все пройдены' },

  check_ltv_to_cac: { en: 'LTV/CAC', ru: 'LTV/CAC' },
  check_payback_within_contract: {
    en: 'Payback within the contract',
    ru: 'Окупаемость в пределах контракта',
  },
  check_fits_period: { en: 'Plan fits the period', ru: 'План укладывается в период' },
  check_delivery_load: { en: 'Delivery load', ru: 'Загрузка производства' },
  check_payback_max: { en: 'Payback limit', ru: 'Предел окупаемости' },
  check_churn_max: { en: 'Monthly churn', ru: 'Месячный отток' },

  warnings: { en: 'Warnings', ru: 'Предупреждения' },
  binding: { en: 'What limits the plan', ru: 'Что ограничивает план' },
  uncertain: {
    en: 'Ranges in the file (point values used)',
    ru: 'Диапазоны в файле (взяты точечные значения)',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type LabelId = keyof typeof LABELS;

export function label(id: LabelId, lang: Lang): string {
  return LABELS[id][lang];
}

/** How many checks failed, worded to agree with any count: `1 of 4 checks failed`. */
export function checksFailed(failed: number, total: number, lang: Lang): string {
  return label('checks_failed', lang)
    .replace('{failed}', String(failed))
    .replace('{total}', String(total));
}
