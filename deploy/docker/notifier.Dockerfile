# syntax=docker/dockerfile:1
# Valmetal.Notifier: published in the SDK image, run on the chiseled ASP.NET runtime (no shell, no package manager) as the
# non-root app user. Built from the repository root: docker build -f deploy/docker/notifier.Dockerfile .
# Base images are pinned to exact versions; Dependabot or a reviewed change moves them.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
COPY . .
RUN dotnet publish Valmetal.Notifier/Valmetal.Notifier.csproj -c Release -o /out/app -p:UseAppHost=false \
 && dotnet publish deploy/docker/health-probe/Valmetal.HealthProbe.csproj -c Release -o /out/healthprobe -p:UseAppHost=false \
 && mkdir -p /out/tmp

# chiseled-extra: ICU and time zones, which the services use (InvariantGlobalization is false).
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /out/app .
COPY --from=build /out/healthprobe /healthprobe
# ECS runs the root filesystem read-only and mounts a scratch volume at /tmp; it copies this VOLUME's owner
# and mode, so the app user can write there (a bare bind mount would be root's, mode 0755).
COPY --from=build --chown=1654:1654 --chmod=1777 /out/tmp /tmp
VOLUME ["/tmp"]
ENV ASPNETCORE_HTTP_PORTS=8080
# glibc gives each thread that allocates natively its own 64 MB arena, up to 8 per core; a service's resident memory
# then creeps up for half an hour as the thread pool's threads touch new arenas. Two arenas bound that growth.
ENV MALLOC_ARENA_MAX=2
# The workstation GC sizes its generation-0 budget from the CPU's last-level cache: tens of MB on server CPUs, so a
# quiet service collects rarely and its resident memory climbs with garbage for an hour. 4 MB keeps it near the live set.
ENV DOTNET_GCgen0size=0x400000
EXPOSE 8080
# UID of the image's app user; ECS runs the task with the same user (Valmetal.Cdk FargateServiceConstruct.AppUser).
USER 1654
ENTRYPOINT ["dotnet", "Valmetal.Notifier.dll"]
