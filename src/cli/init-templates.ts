/**
 * Starter assumptions files for `funnel init`, commented in English and in
 * Russian. Keys are the same in both (the file format is one); comments and
 * names are the reader's. Each plans as it is, so a new user sees a whole plan
 * before changing a single number.
 */

import type { Lang } from '../render/format.js';

const SCHEMA_LINE =
  '# yaml-language-server: $schema=node_modules/funnel/schema/assumptions.schema.json';

const EN = `${SCHEMA_LINE}
# Assumptions of a sales and delivery plan. Run: npx funnel plan assumptions.yaml
# Money is in the currency below; write it as 180000, "180 000", 180k or 18M.
# Rates are shares: 45% or 0.45. A range such as 6%..10% marks an uncertain input.

name: My agency, next quarter
currency: RUB               # ISO 4217 code: RUB, USD, EUR...
period: quarter             # month, quarter or year

revenue_target: 18M         # contract value to sign in the period (bookings)
average_check: 180 000      # monthly fee of an average client
# minimum_check: 175 000    # policy: the lowest fee you quote (optional)
gross_margin: 45%           # share of the fee left after direct delivery cost
contract_months: 4          # months an average contract runs
churn_monthly: 8%           # share of active clients lost a month

# The funnel from the first contact attempt to the signed deal. Every stage
# after the first has the conversion from the stage before it.
funnel:
  - stage: attempts
  - stage: meetings
    conversion: 2%
  - stage: proposals
    conversion: 50%
  - stage: deals
    conversion: 40%

sales:
  reps: 5                        # sales reps working the funnel
  attempts_per_rep_per_day: 40   # calls, emails, messages
  working_days_per_week: 5
  meetings_per_rep_per_week: 3   # most meetings one rep can hold (optional)
  cac: 200 000                   # cost to acquire one client...
  # monthly_costs:               # ...or the sales costs a month, and CAC is derived
  #   payroll: 600k
  #   tools: 50k
  #   marketing: 400k

delivery:
  hourly_cost: 2 000             # direct cost of one delivery hour
  hours_per_client_month: 48     # hours one client takes a month
  active_clients: 30             # clients served at the start of the period
  max_load: 85%                  # above this, quality and SLA break
  roles:                         # who serves the clients, and how many each
    - role: account manager
      headcount: 4
      clients_per_person: 15
    - role: targeting specialist
      headcount: 6
      clients_per_person: 10

# What the plan must keep; funnel plan exits 1 when a check fails.
thresholds:
  ltv_to_cac_min: 3
  # payback_months_max: 3
  # churn_monthly_max: 5%
`;

const RU = `${SCHEMA_LINE}
# Допущения плана продаж и производства. Запуск: npx funnel plan assumptions.yaml --lang ru
# Деньги — в валюте ниже; можно писать 180000, "180 000", 180k или 18M.
# Доли — 45% или 0.45. Диапазон вроде 6%..10% отмечает неточное допущение.

name: Моё агентство, следующий квартал
currency: RUB               # код ISO 4217: RUB, USD, EUR...
period: quarter             # month (месяц), quarter (квартал) или year (год)

revenue_target: 18M         # сумма контрактов, которую нужно подписать за период
average_check: 180 000      # месячный платёж среднего клиента (средний чек)
# minimum_check: 175 000    # политика: самый низкий чек, который мы называем (необязательно)
gross_margin: 45%           # валовая маржа: доля чека после прямых затрат
contract_months: 4          # сколько месяцев длится средний контракт
churn_monthly: 8%           # отток: доля клиентов, уходящих за месяц

# Воронка от первой попытки контакта до подписанной сделки. У каждого этапа,
# кроме первого, — конверсия из предыдущего.
funnel:
  - stage: попытки
  - stage: встречи
    conversion: 2%
  - stage: КП
    conversion: 50%
  - stage: сделки
    conversion: 40%

sales:
  reps: 5                        # менеджеров по продажам в работе
  attempts_per_rep_per_day: 40   # звонки, письма, сообщения
  working_days_per_week: 5
  meetings_per_rep_per_week: 3   # потолок встреч на менеджера в неделю (необязательно)
  cac: 200 000                   # стоимость привлечения клиента...
  # monthly_costs:               # ...или расходы на продажи в месяц, и CAC посчитается
  #   payroll: 600k
  #   tools: 50k
  #   marketing: 400k

delivery:
  hourly_cost: 2 000             # прямая стоимость часа производства
  hours_per_client_month: 48     # часов на клиента в месяц
  active_clients: 30             # клиентов в работе на начало периода
  max_load: 85%                  # выше этой загрузки страдают качество и SLA
  roles:                         # кто обслуживает клиентов и сколько клиентов на человека
    - role: аккаунт-менеджер
      headcount: 4
      clients_per_person: 15
    - role: таргетолог
      headcount: 6
      clients_per_person: 10

# Пороги плана; funnel plan завершится с кодом 1, если проверка не пройдена.
thresholds:
  ltv_to_cac_min: 3
  # payback_months_max: 3
  # churn_monthly_max: 5%
`;

export function starterAssumptions(lang: Lang): string {
  return lang === 'ru' ? RU : EN;
}
