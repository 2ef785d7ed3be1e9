# The silo image: an Orleans silo hosting the messaging grains. Build from the repository root:
#   docker build -f deploy/docker/Silo.Dockerfile -t messaging-silo .
# Configuration is environment variables (see deploy/README.md); at least Messaging__ConnectionString
# and Silo__AdvertisedAddress: the silo listens on every interface here, so it must be told the
# address other silos and the gateways reach it at (the pod IP in Kubernetes, the service name in
# compose, resolved once at start).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a source change does not re-download packages.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# On every interface: HTTP on 8080 (/health/live, /health/ready, GET /silo, the Orleans Dashboard at
# /dashboard, which answers loopback callers only unless Dashboard__AllowedNetworks__N says otherwise),
# the silo port 11111 (silo to silo) and the gateway port 30000 (Orleans clients: the gateways).
# Urls is set without the ASPNETCORE_ prefix on purpose: it must override the "Urls" in appsettings.json.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Urls=http://+:8080 \
    Messaging__Storage=postgres \
    Silo__ListenAddress=0.0.0.0 \
    Silo__Port=11111 \
    Silo__GatewayPort=30000
EXPOSE 8080 11111 30000
# The runtime image has no curl or wget, so there is no HEALTHCHECK here: the orchestrator probes
# /health/live and /health/ready on port 8080 (see deploy/compose and deploy/k8s).
# Non-root: the "app" user (uid 1654) that the .NET images provide.
USER $APP_UID
# SIGTERM stops the silo gracefully (Orleans deactivates its grains and marks it dead in the membership
# table, so no call to it fails): allow up to 30 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Silo.dll"]
