import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { z } from "zod";
import { findUserByEmail } from "@/db/queries/users";
import { clientAddress } from "./client-address";
import { getDb } from "./db";
import { log } from "./log";
import { env } from "./env";
import { verifyPassword } from "./passwords";
import { currentHits, recordHit } from "./rate-limit";

/** Failed sign-ins allowed per account and per address in a 15-minute window. */
export const SIGNIN_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_MAX_PER_ACCOUNT = 5;
export const SIGNIN_MAX_PER_ADDRESS = 20;

export const THROTTLED = "throttled";

class ThrottledSignin extends CredentialsSignin {
  code = THROTTLED;
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(1024) });

/**
 * Checks credentials with per-account and per-address throttling stored in the database, so it
 * holds across processes. The answer never reveals whether the email exists.
 */
export async function authenticate(raw: unknown, address: string, now = new Date()) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  const accountBucket = `signin-account:${email}`;
  const addressBucket = `signin-address:${address}`;
  const [byAccount, byAddress] = await Promise.all([
    currentHits(db, accountBucket, now, SIGNIN_WINDOW_SECONDS),
    currentHits(db, addressBucket, now, SIGNIN_WINDOW_SECONDS),
  ]);
  if (byAccount >= SIGNIN_MAX_PER_ACCOUNT || byAddress >= SIGNIN_MAX_PER_ADDRESS) throw new ThrottledSignin();
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
  if (!ok || !user) {
    await Promise.all([recordHit(db, accountBucket, now, SIGNIN_WINDOW_SECONDS), recordHit(db, addressBucket, now, SIGNIN_WINDOW_SECONDS)]);
    return null;
  }
  return { id: String(user.id), email: user.email, name: user.name, epoch: user.sessionEpoch };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60, updateAge: 15 * 60 },
  pages: { signIn: "/masuk" },
  logger: {
    // A wrong password is an expected outcome (already counted for throttling), not a fault.
    error: (error: Error) => {
      // Compared by type, not name: class names are minified in the production build.
      const type = (error as { type?: string }).type;
      if (error instanceof CredentialsSignin || type === "CredentialsSignin") return;
      // A session cookie that no longer decrypts (expired, or signed with an earlier secret) just
      // means "not signed in": the visitor is sent to /masuk. Worth a warning, not an alarm.
      if (type === "JWTSessionError") return log.warn("auth: unreadable session cookie ignored");
      log.error("auth error", { err: error });
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials) => authenticate(credentials, clientAddress(await headers())),
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user?.id) {
        token.uid = Number(user.id);
        token.epoch = (user as { epoch?: number }).epoch ?? 0;
      }
      return token;
    },
    session: ({ session, token }) => {
      const s = session as { uid?: number; epoch?: number };
      s.uid = typeof token.uid === "number" ? token.uid : undefined;
      s.epoch = typeof token.epoch === "number" ? token.epoch : 0;
      return session;
    },
  },
});
