import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { categories, externalInstitutions, kecamatan, kelurahan, opds, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Area routing rules the administrator edits: complaints of a category (or of any category,
 * when null) from a kelurahan or a whole kecamatan go to an OPD or an external institution.
 * Read by the routing suggestion (domain/routing.ts) before the category's own default.
 */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: serial("id").primaryKey(),
    categoryId: integer("category_id").references(() => categories.id),
    kecamatanId: integer("kecamatan_id").references(() => kecamatan.id),
    kelurahanId: integer("kelurahan_id").references(() => kelurahan.id),
    opdId: integer("opd_id").references(() => opds.id),
    externalId: integer("external_id").references(() => externalInstitutions.id),
    note: text("note"),
    active: boolean("active").notNull().default(true),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("routing_rules_area_idx").on(t.kecamatanId, t.kelurahanId)],
);

export const DIRECTORY_ENTITIES = ["opd", "category", "kecamatan", "kelurahan", "institution", "routing_rule"] as const;
export type DirectoryEntity = (typeof DIRECTORY_ENTITIES)[number];

/**
 * Every version of every directory row, written with each change (the first when first edited or
 * created): a rename keeps the old name here, shown as the row's history.
 */
export const directoryVersions = pgTable(
  "directory_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entity: text("entity", { enum: DIRECTORY_ENTITIES }).notNull(),
    entityId: integer("entity_id").notNull(),
    version: integer("version").notNull(),
    /** What was done: create, update, deactivate, activate, merge. */
    change: text("change").notNull(),
    /** The row as it was after this change. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    at: tstz("at").notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id),
  },
  (t) => [uniqueIndex("directory_versions_uq").on(t.entity, t.entityId, t.version)],
);
