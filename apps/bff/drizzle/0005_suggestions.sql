CREATE TABLE "ai_marketing_suggestions" (
	"id" serial PRIMARY KEY NOT NULL,
	"stable_key" text NOT NULL,
	"scope_key" text NOT NULL,
	"stores_key" text NOT NULL,
	"stores" jsonb,
	"range_from" date NOT NULL,
	"range_to" date NOT NULL,
	"range_days" integer NOT NULL,
	"type" text NOT NULL,
	"target_key" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"data_version" integer NOT NULL,
	"priority" text NOT NULL,
	"value_at_stake" numeric(14, 2) NOT NULL,
	"target" jsonb NOT NULL,
	"target_size" integer NOT NULL,
	"rule_text" jsonb NOT NULL,
	"text_hash" text NOT NULL,
	"llm_text" jsonb,
	"llm_state" text DEFAULT 'none' NOT NULL,
	"llm_reason" text,
	"expected_effect" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"status_by" text,
	"status_by_user_id" integer,
	"status_at" timestamp with time zone,
	"generated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_marketing_suggestions_stableKey_unique" UNIQUE("stable_key")
);
--> statement-breakpoint
CREATE TABLE "ai_suggestion_runs" (
	"scope_key" text PRIMARY KEY NOT NULL,
	"data_version" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ai_marketing_suggestions_scope_idx" ON "ai_marketing_suggestions" USING btree ("scope_key");--> statement-breakpoint
CREATE INDEX "ai_marketing_suggestions_lineage_idx" ON "ai_marketing_suggestions" USING btree ("stores_key","type","target_key","range_days","range_to");