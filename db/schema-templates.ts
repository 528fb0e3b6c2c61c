import { boolean, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { categories, opds, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Which staff form a template is offered in: the final answer or a request for information. */
export const TEMPLATE_PURPOSES = ["respond", "request_info"] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

/**
 * Answer templates: text an OPD (or, with no OPD, the whole city) starts its answers from, per
 * category or for any category, in Indonesian and English, with placeholders filled when offered
 * (domain/answer-template.ts). Never deleted: switched off (`active`), so usage stays counted.
 */
export const answerTemplates = pgTable(
  "answer_templates",
  {
    id: serial("id").primaryKey(),
    /** null: offered to every OPD (only an administrator writes these). */
    opdId: integer("opd_id").references(() => opds.id),
    /** null: any category. */
    categoryId: integer("category_id").references(() => categories.id),
    purpose: text("purpose").$type<TemplatePurpose>().notNull(),
    title: text("title").notNull(),
    bodyId: text("body_id").notNull(),
    bodyEn: text("body_en").notNull().default(""),
    active: boolean("active").notNull().default(true),
    /** How many times the template was put into a form. */
    uses: integer("uses").notNull().default(0),
    lastUsedAt: tstz("last_used_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [index("answer_templates_opd_idx").on(t.opdId, t.purpose)],
);
