import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** A hash of a password nobody has, so an unknown email costs as much time as a wrong password. */
const DECOY = '$argon2id$v=19$m=19456,t=2,p=1$WePybsNKx7V+2syz7RMlWg$h0Zzc/xYySz5NpIAKq3ng0rEdQXMOO0E7xxdtKHddVM';

/** argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes. */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }

  /** False for a wrong password, and for no stored hash at all, after the same work. */
  async verify(stored: string | undefined, password: string): Promise<boolean> {
    const ok = await verify(stored ?? DECOY, password).catch(() => false);
    return ok && stored !== undefined;
  }
}
