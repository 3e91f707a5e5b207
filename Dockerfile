# syntax=docker/dockerfile:1
# Build: the SDK restores and publishes the host project (framework-dependent).
# Both images are pinned to a patch version: the SDK to global.json's, the runtime to the one that SDK ships. A floating
# tag would let a newer SDK's analyzers fail this build (warnings are errors) months later. Raise them together.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/TaxiiConnector/TaxiiConnector.csproj src/TaxiiConnector/
COPY src/TaxiiConnector.Taxii/TaxiiConnector.Taxii.csproj src/TaxiiConnector.Taxii/
COPY src/TaxiiConnector.Stix/TaxiiConnector.Stix.csproj src/TaxiiConnector.Stix/
COPY src/TaxiiConnector.OpenCti/TaxiiConnector.OpenCti.csproj src/TaxiiConnector.OpenCti/
COPY src/TaxiiConnector.Server/TaxiiConnector.Server.csproj src/TaxiiConnector.Server/
COPY src/TaxiiConnector.Primitives/TaxiiConnector.Primitives.csproj src/TaxiiConnector.Primitives/
# ReadyToRun: the assemblies ship precompiled for the image's architecture, so a `run --once` or a restarted pod starts
# without JIT-compiling its start-up path (BENCHMARKS.md, "Start-up": about 20 % less CPU for a 1,000-object run).
ARG TARGETARCH
RUN dotnet restore src/TaxiiConnector/TaxiiConnector.csproj -a $TARGETARCH -p:PublishReadyToRun=true
COPY src/ src/
RUN dotnet publish src/TaxiiConnector/TaxiiConnector.csproj -c Release --no-restore -a $TARGETARCH --self-contained false -p:PublishReadyToRun=true -o /app

# Run: the ASP.NET Core runtime (the health and metrics endpoints use Kestrel), as the image's non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    CONNECTOR_TYPE=EXTERNAL_IMPORT
# connector.data_dir (./data = /app/data): everything the connector writes (state file, push spool, dry-run output).
# /app itself stays read-only for the non-root user; mount a volume here to keep the data across containers.
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data
VOLUME /app/data
USER $APP_UID
# 9095: /healthz, /readyz, /metrics (CONNECTOR_METRICS_PORT); 5001: the TAXII push endpoint when taxii_push is enabled.
EXPOSE 9095 5001
# The same entry as the manual run: dotnet TaxiiConnector.dll run. A config.yml mounted at /app/config.yml is read.
ENTRYPOINT ["dotnet", "TaxiiConnector.dll"]
CMD ["run"]
