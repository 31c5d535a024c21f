Platform.Gateway.GatewayProgram.Build(args).Run();
