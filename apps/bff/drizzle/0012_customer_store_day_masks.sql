ALTER TABLE "customer_store_days" ADD COLUMN "hour_mask" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_store_days" ADD COLUMN "mix_mask" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing rows get the masks derived.ts builds (bits as in src/db/queries/mix-masks.ts): hour h → bit h;
-- channel pos, mini_program, meituan, eleme → 1, 2, 4, 8, another label → 16; order type (null = 'unknown')
-- dine_in, delivery, pickup, unknown → 32, 64, 128, 256, another value → 512.
UPDATE "customer_store_days" AS d
SET "hour_mask" = m.hour_mask, "mix_mask" = m.mix_mask
FROM (
	SELECT day, store_id, customer_id, bit_or(1 << hour) AS hour_mask,
		bit_or(
			(CASE channel WHEN 'pos' THEN 1 WHEN 'mini_program' THEN 2 WHEN 'meituan' THEN 4 WHEN 'eleme' THEN 8 ELSE 16 END)
			| (CASE coalesce(order_type, 'unknown') WHEN 'dine_in' THEN 32 WHEN 'delivery' THEN 64 WHEN 'pickup' THEN 128
				WHEN 'unknown' THEN 256 ELSE 512 END)
		)::smallint AS mix_mask
	FROM orders
	WHERE status = 'completed' AND customer_id IS NOT NULL
	GROUP BY day, store_id, customer_id
) AS m
WHERE d.day = m.day AND d.store_id = m.store_id AND d.customer_id = m.customer_id;--> statement-breakpoint
ALTER TABLE "customer_store_days" ALTER COLUMN "hour_mask" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "customer_store_days" ALTER COLUMN "mix_mask" DROP DEFAULT;
