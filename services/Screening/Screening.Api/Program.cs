using Platform.ServiceDefaults;
using Screening.Api;

ServiceProgram.Run(args, builder => builder.AddScreening(), app => app.MapScreening());
