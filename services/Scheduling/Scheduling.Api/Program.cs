using Platform.ServiceDefaults;
using Scheduling.Api;

ServiceProgram.Run(args, builder => builder.AddScheduling(), app => app.MapScheduling());
