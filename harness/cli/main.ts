export async function main(argv: string[]): Promise<number> {
  console.log('bench', argv.join(' '));
  return 0;
}
