using System.Linq.Expressions;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Security;

/// <summary>
/// Equipment that changes farms (docs/decisions.md): the farm's operating data stays with the period in which it was
/// recorded. Farm users see a unit's time-bound records (telemetry, alarms, commands, audit entries, reports) only
/// from <see cref="Equipment.FarmSince"/>, the start of its current farm's tenure; admins see all of it. Which units a
/// caller sees at all is <see cref="TenantQueries"/>; this only bounds their records in time.
/// </summary>
public static class Tenure
{
    /// <summary>The earliest record time this caller may see of a unit on its farm since <paramref name="farmSince"/>;
    /// null when they may see the unit's whole history.</summary>
    public static DateTimeOffset? VisibleFrom(this CurrentUser user, DateTimeOffset farmSince) => user.IsAdmin ? null : farmSince;

    /// <summary>Where a read of a requested time range starts: the requested start, or the visible start if later.</summary>
    public static DateTimeOffset NotBefore(this DateTimeOffset requested, DateTimeOffset? visibleFrom) =>
        visibleFrom > requested ? visibleFrom.Value : requested;

    /// <summary>
    /// The same rule for record tables: the records of units the caller sees, recorded at or after their unit's
    /// <see cref="Equipment.FarmSince"/>; <paramref name="current"/> marks records that describe the unit's present
    /// (an open alarm) and so travel with it like its state. Admins get every record, of any unit.
    /// </summary>
    public static IQueryable<T> InTenure<T>(
        this IQueryable<T> records, IQueryable<Equipment> equipment, CurrentUser user,
        Expression<Func<T, string?>> serialNumber, Expression<Func<T, DateTimeOffset>> recordedAt, Expression<Func<T, bool>>? current = null)
    {
        if (user.IsAdmin)
        {
            return records;
        }

        // Built as records.Where(r => units.Any(e => e.SerialNumber == serial(r) && (at(r) >= e.FarmSince || current(r)))),
        // one parameter for the record throughout so EF translates it as a single correlated EXISTS.
        var record = serialNumber.Parameters[0];
        var unit = Expression.Parameter(typeof(Equipment), "e");
        Expression inTenure = Expression.GreaterThanOrEqual(Rebind(recordedAt, record), Expression.Property(unit, nameof(Equipment.FarmSince)));
        if (current is not null)
        {
            inTenure = Expression.OrElse(inTenure, Rebind(current, record));
        }

        var match = Expression.AndAlso(Expression.Equal(Expression.Property(unit, nameof(Equipment.SerialNumber)), serialNumber.Body), inTenure);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Equipment)],
            equipment.VisibleTo(user).Expression, Expression.Quote(Expression.Lambda<Func<Equipment, bool>>(match, unit)));
        return records.Where(Expression.Lambda<Func<T, bool>>(any, record));
    }

    private static Expression Rebind(LambdaExpression lambda, ParameterExpression parameter) =>
        new ParameterSwap(lambda.Parameters[0], parameter).Visit(lambda.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
