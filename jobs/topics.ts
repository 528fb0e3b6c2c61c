/**
 * Everything the worker knows how to do: each feature registers its outbox topics and periodic
 * jobs when its module is imported here (one line per feature).
 */
import "./notify-reporter";
import "./notify-staff";
import "./sla";
import "@/integrations/lapor/jobs";
import "./sla-stats";
import "./reporter-link";
import "./duplicates";
