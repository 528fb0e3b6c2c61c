CREATE TABLE "sla_daily" (
	"day" date NOT NULL,
	"dims" smallint NOT NULL,
	"opd_id" integer,
	"category_id" integer,
	"kecamatan_id" integer,
	"channel" "channel",
	"complaints" integer NOT NULL,
	"v_met" integer NOT NULL,
	"v_counted" integer NOT NULL,
	"f_met" integer NOT NULL,
	"f_counted" integer NOT NULL,
	"r_met" integer NOT NULL,
	"r_counted" integer NOT NULL,
	"bounces" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"ratings" integer NOT NULL,
	"v_secs" double precision[] NOT NULL,
	"f_secs" double precision[] NOT NULL,
	"r_secs" double precision[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sla_daily_dims_day_idx" ON "sla_daily" USING btree ("dims","day");