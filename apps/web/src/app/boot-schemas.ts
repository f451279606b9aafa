/**
 * The API schemas the first screen parses with (session, filters, KPIs), imported by a start-up step of their own
 * (main.tsx): building zod schemas is most of the cost of evaluating these modules, and here it runs in its own
 * task instead of inside the dashboard's.
 */
import '@portrait/shared/envelope';
import '@portrait/shared/auth';
import '@portrait/shared/scope';
import '@portrait/shared/meta';
import '@portrait/shared/kpis';
import '@portrait/shared/dates';
