/** The console's one guard: a signed-in staff member with one of the given roles (admin may do all). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkCsrf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { staffForToken } from './service.ts';
import type { StaffRole } from './tables.ts';

export const STAFF_COOKIE = 'ccm_staff';

export function requireStaff(app: FastifyInstance, ...roles: StaffRole[]) {
  return async (request: FastifyRequest) => {
    const token = request.cookies[STAFF_COOKIE];
    const staff = token ? await staffForToken(app.ctx.db, app.ctx.clock, token) : undefined;
    if (!staff) throw new AppError('auth.unauthenticated', 'Sign in to the console first.');
    checkCsrf(request);
    if (roles.length > 0 && staff.role !== 'admin' && !roles.includes(staff.role)) {
      throw new AppError('auth.forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
    }
    request.staff = staff;
  };
}
