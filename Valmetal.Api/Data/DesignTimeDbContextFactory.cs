using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Valmetal.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ValmetalDbContext>
{
    public ValmetalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ValmetalDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=valmetal")
            .UseSnakeCaseNamingConvention()
            .Options);
}
