using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Valmetal.Api.Data.Migrations
{
    /// <summary>
    /// Raw telemetry moves from one row per (thing, metric, ts) to one row per sample, (thing, ts) with the sample's
    /// metrics and values as parallel arrays: one index entry per message instead of one per metric, which stores
    /// twice as fast and takes a quarter of the index space (docs/benchmarks.md, "Storage layouts side by side").
    /// <c>telemetry.points</c> stays, as a view with the old columns, for every reader of single points.
    /// Each daily partition, attached or detached by an archive pass that stopped before its drop, is converted into
    /// the same day's partition of the new table; an archive pass finds it again when it expires. Names are literal
    /// here: a migration is history and must not follow later renames.
    /// </summary>
    public partial class OneRowPerSample : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table telemetry.samples (
                    thing text collate "C" not null,
                    ts timestamptz not null,
                    metrics text[] collate "C" not null,
                    vals double precision[] not null,
                    constraint pk_samples primary key (thing, ts),
                    constraint ck_samples_parallel check (cardinality(metrics) = cardinality(vals) and cardinality(metrics) > 0)
                ) partition by range (ts);

                do $$
                declare
                    old record;
                    day date;
                begin
                    for old in
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'telemetry' and c.relkind = 'r' and c.relname ~ '^points_[0-9]{8}$'
                    loop
                        day := to_date(substr(old.relname, 8), 'YYYYMMDD');
                        execute format('create table telemetry.%I partition of telemetry.samples for values from (%L) to (%L)',
                            'samples_' || to_char(day, 'YYYYMMDD'), day || ' 00:00:00+00', (day + 1) || ' 00:00:00+00');
                        execute format('insert into telemetry.samples (thing, ts, metrics, vals)
                            select thing, ts, array_agg(metric order by metric), array_agg(value order by metric)
                            from telemetry.%I group by thing, ts', old.relname);
                        execute format('drop table telemetry.%I', old.relname);
                    end loop;
                end $$;

                drop table telemetry.points;

                create view telemetry.points as
                    select s.thing, u.metric, s.ts, u.value
                    from telemetry.samples s cross join lateral unnest(s.metrics, s.vals) as u(metric, value);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop view telemetry.points;

                create table telemetry.points (
                    thing text collate "C" not null,
                    metric text collate "C" not null,
                    ts timestamptz not null,
                    value double precision not null,
                    constraint pk_points primary key (thing, metric, ts)
                ) partition by range (ts);

                do $$
                declare
                    new record;
                    day date;
                begin
                    for new in
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'telemetry' and c.relkind = 'r' and c.relname ~ '^samples_[0-9]{8}$'
                    loop
                        day := to_date(substr(new.relname, 9), 'YYYYMMDD');
                        execute format('create table telemetry.%I partition of telemetry.points for values from (%L) to (%L)',
                            'points_' || to_char(day, 'YYYYMMDD'), day || ' 00:00:00+00', (day + 1) || ' 00:00:00+00');
                        execute format('insert into telemetry.points (thing, metric, ts, value)
                            select s.thing, u.metric, s.ts, u.value
                            from telemetry.%I s cross join lateral unnest(s.metrics, s.vals) as u(metric, value)', new.relname);
                        execute format('drop table telemetry.%I', new.relname);
                    end loop;
                end $$;

                drop table telemetry.samples;
                """);
        }
    }
}
