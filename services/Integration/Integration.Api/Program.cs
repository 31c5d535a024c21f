using Integration.Api;
using Platform.ServiceDefaults;

ServiceProgram.Run(args, builder => builder.AddIntegration(), app => app.MapIntegration());
