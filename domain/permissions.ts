import type { Role } from "./complaint-status";

/** What each staff role may do, beyond the workflow table's per-action rules. @public */
export const CAPABILITIES = [
  "complaints.read_all",
  "complaints.read_own_opd",
  "complaints.enter_on_behalf",
  "identity.reveal",
  "search.contact",
  "queue.coordinator",
  "inbox.opd",
  "audit.read",
  "admin.manage",
  "integration.operate",
  "integration.mappings.edit",
  "directory.read",
  "sla.board_all",
  "sla.board_own_opd",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** The permission table: one source of truth for pages, actions and API routes. */
const PERMISSIONS: Record<Role, readonly Capability[]> = {
  admin: ["complaints.read_all", "identity.reveal", "search.contact", "queue.coordinator", "admin.manage", "audit.read", "integration.operate", "integration.mappings.edit", "directory.read", "sla.board_all"],
  coordinator: ["complaints.read_all", "complaints.enter_on_behalf", "identity.reveal", "search.contact", "queue.coordinator", "integration.operate", "directory.read", "sla.board_all"],
  opd_head: ["complaints.read_own_opd", "inbox.opd", "sla.board_own_opd"],
  opd_officer: ["complaints.read_own_opd", "inbox.opd"],
  auditor: ["complaints.read_all", "audit.read", "sla.board_all"],
};

/** True when `role` has `capability`. */
export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].includes(capability);
}

export type StaffScope = { role: Role; opdId: number | null };

/**
 * Which complaints a staff member may see: every complaint, or only those of their own OPD.
 * An OPD role without an OPD sees nothing.
 */
export function complaintScope(user: StaffScope): { kind: "all" } | { kind: "opd"; opdId: number } | { kind: "none" } {
  if (can(user.role, "complaints.read_all")) return { kind: "all" };
  if (can(user.role, "complaints.read_own_opd") && user.opdId !== null) return { kind: "opd", opdId: user.opdId };
  return { kind: "none" };
}

/** True when `user` may see the complaint currently held by `complaintOpdId`. */
export function canSeeComplaint(user: StaffScope, complaintOpdId: number | null): boolean {
  const scope = complaintScope(user);
  return scope.kind === "all" || (scope.kind === "opd" && scope.opdId === complaintOpdId);
}

/**
 * Whether the reporter's identity may be shown. Anonymous reporters are shown only to roles
 * that may reveal identities (each reveal is audited); others' identity is visible to staff
 * who can see the complaint.
 */
export function identityVisibility(role: Role, anonymous: boolean): "visible" | "reveal_on_request" | "hidden" {
  if (!anonymous) return "visible";
  return can(role, "identity.reveal") ? "reveal_on_request" : "hidden";
}

/**
 * Which OPDs' SLA board a staff member may see: every OPD, only their own (an OPD head), or
 * none. The board has no actions, so read-only roles (auditors) may see all of it.
 */
export function slaBoardScope(user: StaffScope): { kind: "all" } | { kind: "opd"; opdId: number } | { kind: "none" } {
  if (can(user.role, "sla.board_all")) return { kind: "all" };
  if (can(user.role, "sla.board_own_opd") && user.opdId !== null) return { kind: "opd", opdId: user.opdId };
  return { kind: "none" };
}
