/* Minimal pod sandbox "pause" process (stand-in for registry.k8s.io/pause).
 * Blocks until SIGINT/SIGTERM (exit 0), reaps any zombie children
 * (it is PID 1 of the pod when the PID namespace is shared). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define VERSION "3.10-labs"

static void on_term(int sig) { (void)sig; _exit(0); }

static void on_chld(int sig) {
  (void)sig;
  int saved = errno;
  while (waitpid(-1, NULL, WNOHANG) > 0) {}
  errno = saved;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-v")) { printf("pause.c %s\n", VERSION); return 0; }
  }
  if (getpid() != 1)
    fprintf(stderr, "Warning: pause should be the first process\n");

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_term;
  if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0) return 1;
  sa.sa_handler = on_chld;
  sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
  if (sigaction(SIGCHLD, &sa, NULL) < 0) return 2;

  for (;;) pause();
  fprintf(stderr, "Error: infinite loop terminated\n");
  return 42;
}
