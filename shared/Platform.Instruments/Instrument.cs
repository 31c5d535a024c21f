namespace Platform.Instruments;
