using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.Core.Schedules;

public static class SchedulesServiceCollectionExtensions
{
    public static IServiceCollection AddRecomAmpSchedules(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleRecords>();
        services.AddSingleton<ScheduleCleanup>();
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<ScheduleTicker>();
        services.AddSingleton<ScheduledExecutions>();
        return services;
    }
}
