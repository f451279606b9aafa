CREATE INDEX "customer_store_days_store_day_idx" ON "customer_store_days" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "orders_store_day_idx" ON "orders" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "product_store_days_store_day_idx" ON "product_store_days" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "store_day_mix_store_day_idx" ON "store_day_mix" USING btree ("store_id","day");