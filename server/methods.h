/* The names of the service's methods, in one place. */
#ifndef SRV_METHODS_H
#define SRV_METHODS_H

#define SRV_N_METHODS 4
static const char *const SRV_METHOD_NAMES[SRV_N_METHODS] = {"Solve", "Health", "Info", "Cancel"};

#endif
