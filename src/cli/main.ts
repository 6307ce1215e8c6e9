export async function run(argv: string[]): Promise<void> {
  process.stdout.write(`funnel ${argv.join(' ')}\n`);
}
