import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import type { z } from 'zod';
import { newPassword, email as emailSchema, roleSchema, workspaceSlug } from './auth/dto/auth.dto.js';
import { createTokenSchema } from './auth/dto/token.dto.js';
import { AuthService } from './auth/auth.service.js';
import { MembersService } from './auth/members.service.js';
import { readPassword } from './auth/password-prompt.js';
import { TokensService } from './auth/tokens.service.js';
import { runCommand } from './lifecycle/command-context.js';
import { WorkspacesRepository } from './workspaces/workspaces.repository.js';

const USAGE = `usage:
  npm run cli -- user create --email ana@example.com --workspace demo --role owner|admin|analyst|viewer
      (the password is asked for without echo, or read from standard input when it is not a terminal;
       for an existing user, only the role changes)
  npm run cli -- token create --workspace demo --scope read|write:conversions|admin --name "shop conversions"
      (prints the token once: it is stored hashed)`;

class UsageError extends Error {}

/** `npm run cli`: user and token administration from the server's command line. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const command = positionals.join(' ');
  if (command === 'user create') {
    const email = check('--email', emailSchema, values.email);
    const workspace = check('--workspace', workspaceSlug, values.workspace);
    const role = check('--role', roleSchema, values.role);
    await withApp(async (app) => {
      await requireWorkspace(app, workspace);
      const password = check('the password', newPassword, await readPassword(`Password for ${email}: `));
      const added = await app.get(MembersService).add({ email, workspace, role, password, actor: 'command line' });
      console.log(`${added.created ? 'Created' : 'Updated'} ${added.email}: ${role} of workspace ${workspace}.`);
    });
  } else if (command === 'token create') {
    const workspace = check('--workspace', workspaceSlug, values.workspace);
    const { name, scope } = check('--name/--scope', createTokenSchema, { name: values.name, scope: values.scope });
    await withApp(async (app) => {
      const ws = await requireWorkspace(app, workspace);
      const created = await app.get(TokensService).create(ws.id, name, scope, { kind: 'cli' });
      console.error(`API token "${name}" (${scope}) of workspace ${workspace}; it is shown this once:`);
      console.log(created.token);
    });
  } else {
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  }
}

function check<S extends z.ZodType>(what: string, schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `--${issue.path.join('.')}` : what;
  throw new UsageError(`${where} ${issue?.message ?? 'is invalid'}`);
}

async function requireWorkspace(app: INestApplicationContext, slug: string) {
  const ws = await app.get(WorkspacesRepository).bySlug(slug);
  if (!ws)
    throw new Error(`there is no workspace "${slug}" (the demo's is "demo"; META_WORKSPACE's is made at start-up).`);
  return ws;
}

async function withApp(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  await runCommand(async (app) => {
    // the installation's own workspace (the demo's, or META_WORKSPACE's) exists before its first user
    const slug = app.get(AuthService).firstRunWorkspace();
    await app.get(WorkspacesRepository).ensure(slug, slug);
    await work(app);
  });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`cli: ${message}${error instanceof UsageError ? `\n${USAGE}` : ''}`);
  process.exit(1);
});
