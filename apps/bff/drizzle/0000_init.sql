CREATE TABLE "cities" (
	"name" text PRIMARY KEY NOT NULL,
	"province" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"tier" smallint
);
--> statement-breakpoint
CREATE TABLE "customer_store_days" (
	"day" date NOT NULL,
	"store_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"orders" integer NOT NULL,
	"revenue" numeric(14, 2) NOT NULL,
	CONSTRAINT "customer_store_days_day_store_id_customer_id_pk" PRIMARY KEY("day","store_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "customer_store_firsts" (
	"customer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"first_day" date NOT NULL,
	CONSTRAINT "customer_store_firsts_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text,
	"member_id" text,
	"email" text,
	"name" text,
	"gender" text,
	"birth_year" smallint,
	"registered_at" timestamp with time zone,
	"member_level" text,
	"points" integer,
	"balance" numeric(14, 2)
);
--> statement-breakpoint
CREATE TABLE "data_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"session_id" text NOT NULL,
	"event_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"store_id" text,
	"channel" text,
	"page" text,
	"duration_s" integer
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"order_id" text NOT NULL,
	"line_no" smallint NOT NULL,
	"product_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(14, 2),
	"amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "order_items_order_id_line_no_pk" PRIMARY KEY("order_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text,
	"store_id" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"channel" text NOT NULL,
	"order_type" text,
	"amount" numeric(14, 2) NOT NULL,
	"discount" numeric(14, 2) DEFAULT '0' NOT NULL,
	"payment_method" text,
	"status" text DEFAULT 'completed' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_store_days" (
	"day" date NOT NULL,
	"store_id" text NOT NULL,
	"product_id" text NOT NULL,
	"quantity" bigint NOT NULL,
	"revenue" numeric(14, 2) NOT NULL,
	CONSTRAINT "product_store_days_day_store_id_product_id_pk" PRIMARY KEY("day","store_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit_price" numeric(14, 2)
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"reserved_for" timestamp with time zone NOT NULL,
	"party_size" smallint,
	"status" text,
	"created_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"store_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"contact_type" text,
	"category" text,
	"resolution_minutes" integer,
	"nps" smallint
);
--> statement-breakpoint
CREATE TABLE "store_day_mix" (
	"day" date NOT NULL,
	"store_id" text NOT NULL,
	"hour" smallint NOT NULL,
	"channel" text NOT NULL,
	"order_type" text NOT NULL,
	"orders" integer NOT NULL,
	"revenue" numeric(14, 2) NOT NULL,
	CONSTRAINT "store_day_mix_day_store_id_hour_channel_order_type_pk" PRIMARY KEY("day","store_id","hour","channel","order_type")
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"opened_on" date
);
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_city_cities_name_fk" FOREIGN KEY ("city") REFERENCES "public"."cities"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_store_days_customer_idx" ON "customer_store_days" USING btree ("customer_id","store_id","day");--> statement-breakpoint
CREATE INDEX "customer_store_firsts_first_day_idx" ON "customer_store_firsts" USING btree ("first_day","store_id");--> statement-breakpoint
CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "customers_member_id_idx" ON "customers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "events_day_store_idx" ON "events" USING btree ("day","store_id");--> statement-breakpoint
CREATE INDEX "events_session_idx" ON "events" USING btree ("session_id","occurred_at");--> statement-breakpoint
CREATE INDEX "orders_day_store_idx" ON "orders" USING btree ("day","store_id");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id","day");--> statement-breakpoint
CREATE INDEX "reservations_customer_idx" ON "reservations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "service_tickets_customer_idx" ON "service_tickets" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "stores_city_idx" ON "stores" USING btree ("city");