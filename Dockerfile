# syntax=docker/dockerfile:1
# Build stage: the .NET SDK plus Node.js, because the web project copies its npm front-end assets
# (ApexCharts) into wwwroot during the build.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props CreditRisk.sln ./
COPY CreditRisk.Core/CreditRisk.Core.csproj CreditRisk.Core/
COPY CreditRisk.Web/CreditRisk.Web.csproj CreditRisk.Web/
COPY CreditRisk.Cli/CreditRisk.Cli.csproj CreditRisk.Cli/
RUN dotnet restore CreditRisk.Web/CreditRisk.Web.csproj && dotnet restore CreditRisk.Cli/CreditRisk.Cli.csproj
COPY . .
RUN dotnet publish CreditRisk.Web/CreditRisk.Web.csproj -c Release -o /app/web --no-restore \
    && dotnet publish CreditRisk.Cli/CreditRisk.Cli.csproj -c Release -o /app/cli --no-restore

# Runtime stage: ASP.NET only, non-root, port 8080.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/web ./
COPY --from=build /app/cli ./cli/
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Storage__SqlitePath=/app/data/creditrisk.sqlite
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "CreditRisk.Web.dll"]
