ALTER TABLE "orders" DROP CONSTRAINT "orders_store_id_stores_id_fk";
--> statement-breakpoint
-- Staging rows live for one job and are cleared at its start: no write-ahead log for them (a crash empties them, which is what the next job does anyway).
ALTER TABLE "import_stage_stores" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_products" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_customers" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_orders" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_order_items" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_events" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_reservations" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "import_stage_service_tickets" SET UNLOGGED;
