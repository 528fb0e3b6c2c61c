import "server-only";
import type { Db } from "@/db/client";
import { pickLocale, type Locale } from "@/i18n/config";
import en from "@/messages/en.json";
import { apiTranslator } from "@/server/api-messages";
import { reference, type Reference } from "@/server/reference";
import { Open311Error, type Open311Value } from "./format";

/** The attributes every service takes (`attribute[code]` on create), in their order. */
type AttributeCode = "kelurahan" | "incident_date" | "anonymous" | "confidential";

/** `?locale=en` for English; Bahasa Indonesia otherwise. */
export function open311Locale(params: URLSearchParams): Locale {
  return pickLocale(params.get("locale")?.slice(0, 2) ?? null);
}

type Category = Reference["categories"][number];
const ENGLISH_CATEGORY_NAMES: Readonly<Record<string, string>> = en.open311.categories;

function agencyOf(ref: Reference, c: Category): string | null {
  return ref.opds.find((o) => o.id === c.opdId)?.name ?? ref.externals.find((x) => x.id === c.externalId)?.name ?? null;
}

function serviceOf(ref: Reference, c: Category, locale: Locale) {
  const t = apiTranslator(locale);
  // Category codes are data: an English name where the catalogue has one, else the category's own name.
  const name = (locale === "en" ? ENGLISH_CATEGORY_NAMES[c.code] : undefined) ?? c.name;
  const agency = agencyOf(ref, c);
  return {
    service_code: c.code,
    service_name: name,
    description: agency ? t("open311.serviceDescription", { name, agency }) : t("open311.serviceDescriptionCoordinator", { name }),
    metadata: true,
    type: "realtime",
    keywords: c.keywords.join(","),
    group: agency ?? t("open311.groupNone"),
  };
}

/** `GET services`: one service per active category. */
export async function listServices(db: Db, locale: Locale): Promise<Open311Value[]> {
  const ref = await reference(db);
  return ref.categories.map((c) => serviceOf(ref, c, locale));
}

/** The kelurahan of the city as `attribute[kelurahan]` values: key = its id, name = "Kelurahan, Kecamatan". */
function kelurahanValues(ref: Reference): { key: string; name: string }[] {
  return ref.areas.flatMap((k) => k.kelurahan.map((l) => ({ key: String(l.id), name: `${l.name}, ${k.name}` })));
}

/** `GET services/<code>`: the service definition, or 404 for an unknown or inactive category. */
export async function serviceDefinition(db: Db, code: string, locale: Locale): Promise<Open311Value> {
  const ref = await reference(db);
  const c = ref.categories.find((x) => x.code === code);
  if (!c) throw new Open311Error(404, `Unknown service_code: ${code.slice(0, 50)}`);
  const t = apiTranslator(locale);
  const flag = [
    { key: "false", name: t("open311.no") },
    { key: "true", name: t("open311.yes") },
  ];
  const attribute = (code: AttributeCode, order: number, datatype: string, datatype_description: string, values: { key: string; name: string }[]) => ({
    variable: true,
    code,
    datatype,
    required: false,
    datatype_description,
    order,
    description: t(`open311.attributes.${code}`),
    values,
  });
  return {
    service_code: c.code,
    attributes: [
      attribute("kelurahan", 1, "singlevaluelist", t("open311.datatypes.kelurahan"), kelurahanValues(ref)),
      attribute("incident_date", 2, "datetime", t("open311.datatypes.incident_date"), []),
      attribute("anonymous", 3, "singlevaluelist", t("open311.datatypes.flag"), flag),
      attribute("confidential", 4, "singlevaluelist", t("open311.datatypes.flag"), flag),
    ],
  };
}
