# The identity provider's image: docker build -f deploy/Identity.Dockerfile .
# Add a signing key (picked up at the next start): docker compose run --rm identity rotate-key
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: changes to code do not invalidate the package download.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY shared/Platform.Commands/Platform.Commands.csproj shared/Platform.Commands/
COPY shared/Platform.Contracts/Platform.Contracts.csproj shared/Platform.Contracts/
COPY shared/Platform.Messaging/Platform.Messaging.csproj shared/Platform.Messaging/
COPY shared/Platform.Instruments/Platform.Instruments.csproj shared/Platform.Instruments/
COPY shared/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj shared/Platform.ServiceDefaults/
COPY identity/Platform.Identity/Platform.Identity.csproj identity/Platform.Identity/
RUN dotnet restore identity/Platform.Identity/Platform.Identity.csproj
COPY shared/ shared/
COPY identity/ identity/
RUN dotnet publish identity/Platform.Identity/Platform.Identity.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ENV ASPNETCORE_URLS=http://+:8080
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["/app/Platform.Identity"]
