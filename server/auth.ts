import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { z } from "zod";
import { findUserByEmail, isSessionRevoked } from "@/db/queries/users";
import { clientAddress } from "./client-address";
import { getDb } from "./db";
import { log } from "@/lib/log";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/passwords";
import { throttledCheck } from "./signin-throttle";

export const THROTTLED = "throttled";
/** How long a session lasts after its last use (its cookie's lifetime). */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** A refusal without checking the password; `code` carries the minutes to wait ("throttled-2"). */
class ThrottledSignin extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `${THROTTLED}-${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
  }
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(1024) });

/**
 * Checks credentials under the sign-in limiter (server/signin-throttle.ts, in the database so it
 * holds across processes). The answer never reveals whether the email exists.
 */
async function authenticate(raw: unknown, address: string, now = new Date()) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  let user: Awaited<ReturnType<typeof findUserByEmail>> = null;
  const result = await throttledCheck(
    db,
    { email, address, kind: "signin" },
    async () => {
      user = await findUserByEmail(db, email);
      return verifyPassword(user?.active ? user.passwordHash : null, password);
    },
    now,
  );
  if (typeof result === "object") throw new ThrottledSignin(result.locked);
  const found = user as Awaited<ReturnType<typeof findUserByEmail>>;
  if (result !== "ok" || !found) return null;
  return { id: String(found.id), email: found.email, name: found.name, epoch: found.sessionEpoch };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 15 * 60 },
  // Behind an https proxy the session cookie is `Secure` (`__Secure-` prefix) whatever scheme the
  // proxy used to reach us; without PUBLIC_BASE_URL next-auth judges by the request.
  ...(env().PUBLIC_BASE_URL?.startsWith("https:") ? { useSecureCookies: true } : {}),
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
    // Each sign-in starts a session with its own id; a signed-out session's id is refused here,
    // on every read of the cookie, so a copy of it is neither accepted nor renewed.
    jwt: async ({ token, user }) => {
      if (user?.id) {
        token.uid = Number(user.id);
        token.epoch = (user as { epoch?: number }).epoch ?? 0;
        token.sid = randomUUID();
        return token;
      }
      if (typeof token.sid === "string" && (await isSessionRevoked(getDb(), token.sid))) return null;
      return token;
    },
    session: ({ session, token }) => {
      const s = session as { uid?: number; epoch?: number; sid?: string };
      s.uid = typeof token.uid === "number" ? token.uid : undefined;
      s.epoch = typeof token.epoch === "number" ? token.epoch : 0;
      s.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
});
