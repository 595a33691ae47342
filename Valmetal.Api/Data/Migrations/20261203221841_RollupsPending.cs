using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// The (thing, minute) buckets whose rollups are behind their samples (<c>Storage/RollupPass.cs</c> in the telemetry
    /// service): ingest marks a bucket here instead of updating three minute and three hour rollup rows per message,
    /// and one pass per closed minute recomputes each marked bucket from its samples. Existing rollups are already
    /// complete, so nothing is marked. Names are literal here: a migration is history and must not follow later renames.
    /// </summary>
    public partial class RollupsPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table telemetry.rollups_pending (
                    thing text collate "C" not null,
                    minute timestamptz not null,
                    constraint pk_rollups_pending primary key (thing, minute)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The code before this migration updated the rollups as it stored: it would never bring the marked minutes
            // up to date, so they are recomputed here first, as the rollup pass does.
            migrationBuilder.Sql("""
                with fresh as (
                    select p.thing, v.metric, p.minute as bucket, min(v.value) as min, max(v.value) as max, sum(v.value) as sum, count(*) as count
                    from telemetry.rollups_pending p
                    join telemetry.samples s on s.thing = p.thing and s.ts >= p.minute and s.ts < p.minute + interval '1 minute'
                    cross join lateral unnest(s.metrics, s.vals) as v(metric, value)
                    group by 1, 2, 3
                ),
                minutes as (
                    insert into telemetry.rollups_minute as r (thing, metric, bucket, min, max, sum, count)
                    select thing, metric, bucket, min, max, sum, count from fresh
                    on conflict (thing, metric, bucket) do update set
                        min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count
                )
                insert into telemetry.rollups_hour as r (thing, metric, bucket, min, max, sum, count)
                select f.thing, f.metric, date_trunc('hour', f.bucket), min(f.min), max(f.max),
                       sum(f.sum - coalesce(o.sum, 0)), sum(f.count - coalesce(o.count, 0))
                from fresh f
                left join telemetry.rollups_minute o on o.thing = f.thing and o.metric = f.metric and o.bucket = f.bucket
                group by 1, 2, 3
                on conflict (thing, metric, bucket) do update set
                    min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                    sum = r.sum + excluded.sum, count = r.count + excluded.count;
                drop table telemetry.rollups_pending;
                """);
        }
    }
}
