import { register } from 'tsx/esm/api';
register();
const { main } = await import('/work/main/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
