import type { HealthService } from '../health/health-service';
import type { IpcHandlers } from './router';

type HealthHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `health:${string}`>>;

/** The `health:*` channels: the health report (its event, health:didChange, is sent by HealthService). */
export function createHealthHandlers(health: HealthService): HealthHandlers {
  return {
    'health:report': () => health.report(),
  };
}
