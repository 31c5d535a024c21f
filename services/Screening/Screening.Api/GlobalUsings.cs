// The vocabulary every slice file uses: the shared write path, identity, clock and decision types, and the aggregate.
global using Marten;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Platform.ServiceDefaults.Auth;
global using Platform.ServiceDefaults.Domain;
global using Platform.ServiceDefaults.Http;
global using Platform.ServiceDefaults.Identity;
global using Platform.ServiceDefaults.Time;
global using Screening.Api.Screenings;
global using Screening.Api.Screenings.Eligibility;
global using Screening.Api.Screenings.Facts;
