import { stdin, stderr } from 'node:process';

/**
 * A password for the command line: asked twice without echo on a terminal, or the first line of
 * standard input when it is piped. There is never a default.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!stdin.isTTY) return firstLine(await readAll());
  const first = await askHidden(prompt);
  const again = await askHidden('Again: ');
  if (first !== again) throw new Error('the two passwords differ.');
  return first;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled.')));
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    const done = (finish: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      finish();
    };
    stdin.on('data', onData);
  });
}
