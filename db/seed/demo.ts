import type { Db } from "../client";

/** Demo accounts and complaints for PINTU_DEMO; added by the staff-workflow work. */
export async function seedDemo(_db: Db, _region: string): Promise<void> {}
