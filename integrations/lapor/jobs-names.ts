export const LAPOR_POLL_JOB = "lapor.poll";
