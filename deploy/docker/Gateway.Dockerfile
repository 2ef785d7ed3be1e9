# The gateway image: the HTTP API as an Orleans client of the silos (cluster mode). Build from the
# repository root:
#   docker build -f deploy/docker/Gateway.Dockerfile -t messaging-gateway .
# Configuration is environment variables (see deploy/README.md); at least Messaging__ConnectionString
# (the silos' database: the gateway reads the silos' gateway endpoints from Orleans' membership table)
# and Jwt__SigningKey.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a source change does not re-download packages.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Gateway.Api/Gateway.Api.csproj Gateway.Api/
RUN dotnet restore Gateway.Api/Gateway.Api.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Gateway.Api/ Gateway.Api/
RUN dotnet publish Gateway.Api/Gateway.Api.csproj -c Release --no-restore -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# HTTP on 8080 (the API under /api/, health at /health/live and /health/ready).
# Urls is set without the ASPNETCORE_ prefix on purpose: it must override any "Urls" in appsettings.json.
# Cluster mode is this image's purpose; Jwt__SigningKey has no default and must come from a secret.
ENV ASPNETCORE_ENVIRONMENT=Production \
    Urls=http://+:8080 \
    Messaging__Mode=cluster
EXPOSE 8080
# The runtime image has no curl or wget, so there is no HEALTHCHECK here: the orchestrator probes
# /health/live and /health/ready on port 8080 (see deploy/compose and deploy/k8s).
# Non-root: the "app" user (uid 1654) that the .NET images provide.
USER $APP_UID
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Gateway.Api.dll"]
