using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Models;

public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("models").WithTags("Equipment models");
        models.MapGet("/", ListModels).WithName("ListModels")
            .WithSummary("Lists equipment models with their metric catalogues.");
        models.MapGet("/{modelCode}", GetModel).WithName("GetModel")
            .WithSummary("Reads one model and its metric catalogue; the ETag header versions it.");
        models.MapPut("/{modelCode}/catalogue", UpdateCatalogue).RequireAuthorization(Policies.Admin).WithName("UpdateModelCatalogue")
            .WithSummary("Replaces a model's metric catalogue: units, valid ranges, thresholds (admins only; needs If-Match).");
        models.MapPut("/{modelCode}/settings", UpdateSettings).RequireAuthorization(Policies.Admin).WithName("UpdateModelSettings")
            .WithSummary("Replaces the desired configuration keys a model accepts, with types and ranges (admins only; needs If-Match).")
            .WithDescription("Desired configuration written to a unit of this model is checked against them; an empty list accepts any key.");
        return api;
    }

    public static async Task<Ok<List<ModelResponse>>> ListModels(ValmetalDbContext db, CancellationToken ct)
    {
        var models = await Whole(db.EquipmentModels.AsNoTracking()).OrderBy(m => m.Code).ToListAsync(ct);
        return TypedResults.Ok(models.Select(ToResponse).ToList());
    }

    public static async Task<Results<Ok<ModelResponse>, NotFound>> GetModel(string modelCode, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var model = await Whole(db.EquipmentModels.AsNoTracking()).FirstOrDefaultAsync(m => m.Code == modelCode, ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        Concurrency.SetETag(http, model.Version);
        return TypedResults.Ok(ToResponse(model));
    }

    public static Task<Results<Ok<ModelResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCatalogue(
        string modelCode, UpdateCatalogueRequest request, ValmetalDbContext db, HttpContext http, CancellationToken ct) =>
        UpdateAsync(modelCode, request.Validate, model =>
        {
            model.InactivityTimeoutSeconds = request.InactivityTimeoutSeconds;
            db.ModelMetrics.RemoveRange(model.Metrics.Where(m => request.Metrics.All(r => r.Key != m.Key)));
            foreach (var wanted in request.Metrics)
            {
                var metric = model.Metrics.FirstOrDefault(m => m.Key == wanted.Key);
                if (metric is null)
                {
                    metric = new ModelMetric { ModelCode = modelCode, Key = wanted.Key, DisplayName = wanted.DisplayName, Unit = wanted.Unit, DisplayNameFr = wanted.DisplayNameFr!, UnitFr = wanted.UnitFr! };
                    model.Metrics.Add(metric);
                }

                metric.DisplayName = wanted.DisplayName.Trim();
                metric.Unit = wanted.Unit.Trim();
                metric.DisplayNameFr = wanted.DisplayNameFr!.Trim();
                metric.UnitFr = wanted.UnitFr!.Trim();
                metric.MinValid = wanted.MinValid;
                metric.MaxValid = wanted.MaxValid;
                metric.WarningAbove = wanted.WarningAbove;
                metric.CriticalAbove = wanted.CriticalAbove;
                metric.AlarmDelaySeconds = wanted.AlarmDelaySeconds;
            }
        }, db, http, ct);

    public static Task<Results<Ok<ModelResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateSettings(
        string modelCode, UpdateSettingsRequest request, ValmetalDbContext db, HttpContext http, CancellationToken ct) =>
        UpdateAsync(modelCode, request.Validate, model =>
        {
            db.ModelSettings.RemoveRange(model.Settings);
            model.Settings = request.Settings.Select(s => new ModelSetting
            {
                ModelCode = modelCode, Key = s.Key, Type = s.Type, Min = s.Min, Max = s.Max, MaxLength = s.MaxLength, Allowed = s.Allowed?.ToList(),
            }).ToList();
            db.ModelSettings.AddRange(model.Settings);
        }, db, http, ct);

    /// <summary>A model with everything its response shows.</summary>
    private static IQueryable<EquipmentModel> Whole(IQueryable<EquipmentModel> models) =>
        models.Include(m => m.Metrics).Include(m => m.Settings).AsSplitQuery();

    /// <summary>
    /// Every change to a model: found, If-Match read, request valid, then applied and saved against the version the
    /// client read, so two admins editing one model cannot overwrite each other unseen.
    /// </summary>
    private static async Task<Results<Ok<ModelResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string modelCode, Func<Validation> validate, Action<EquipmentModel> apply, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var model = await Whole(db.EquipmentModels).FirstOrDefaultAsync(m => m.Code == modelCode, ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        if (!Concurrency.TryReadIfMatch(http, out var version, out var precondition))
        {
            return precondition!;
        }

        var validation = validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        db.Entry(model).Property(m => m.Version).OriginalValue = version;
        apply(model);
        // The model row itself must change for its version to move, even when only its metrics or settings did.
        db.Entry(model).State = EntityState.Modified;
        if (!await Concurrency.TrySaveAsync(db, ct))
        {
            return Concurrency.Stale();
        }

        Concurrency.SetETag(http, model.Version);
        return TypedResults.Ok(ToResponse(model));
    }

    private static ModelResponse ToResponse(EquipmentModel m) => new(m.Code, m.Name, m.Kind.ToString(), m.InactivityTimeoutSeconds,
        m.Metrics.OrderBy(x => x.Key).Select(MetricResponses.Of).ToList(),
        m.Settings.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new SettingResponse(x.Key, x.Type, x.Min, x.Max, x.MaxLength, x.Allowed)).ToList());
}
