import { listCsvRoute } from "@/server/list-csv-route";

/** The list of /petugas/kotak-masuk as CSV: the same GET filters and the same scope as the page. */
export const dynamic = "force-dynamic";

export const GET = listCsvRoute("inbox", "inbox.opd");
