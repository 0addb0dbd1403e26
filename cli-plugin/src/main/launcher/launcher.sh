# Shared by bin/kubectl-ws and bin/kubectl-atrium (which set MAIN): starts the JVM fast.
#
# Start-up: a static AppCDS archive (lib/atrium-cli.jsa: the JDK and application classes of
# every command, already parsed and verified) plus C1 only and the serial GC. Static, not a
# dynamic (-XX:ArchiveClassesAtExit) archive: JDK 17 leaves pre-Java-6 class files such as
# picocli's out of dynamic archives. The JVM uses the archive only with the exact class path
# (and jar sizes and times) it was dumped with, so it is made for this folder: on the first run
# here (or after the folder or java changed) the launcher runs the offline training command once
# with -XX:DumpLoadedClassList, dumps the archive with -Xshare:dump, then runs the real command.
# The Maven build does that first run, so target/plugin is ready; an unpacked release does it on
# first use (a few seconds, once).
# ATRIUM_CDS=off disables the archive; ATRIUM_XSHARE=on makes a missing/unusable archive an error.
LIB=$(cd "$(dirname "$(readlink -f "$0")")/../lib" && pwd)
CP="$LIB/cli-plugin.jar:@cli.classpath@"
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=$(command -v java); fi
JSA="$LIB/atrium-cli.jsa"
KEY="$LIB|$JAVA"
OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -Xlog:disable -Xlog:all=error:stderr"

if [ "$ATRIUM_CDS" != "off" ]; then
  STAMP=
  [ -f "$LIB/atrium-cli.jsa.key" ] && read -r STAMP < "$LIB/atrium-cli.jsa.key"
  if { [ ! -f "$JSA" ] || [ "$STAMP" != "$KEY" ]; } && [ -w "$LIB" ]; then
    if "$JAVA" -XX:DumpLoadedClassList="$JSA.$$.classes" $OPTS -cp "$CP" dev.atrium.cli.ws.cmd.WsCommand __train-cds >/dev/null 2>&1 &&
      "$JAVA" -Xshare:dump -XX:SharedClassListFile="$JSA.$$.classes" -XX:SharedArchiveFile="$JSA.$$" -XX:+UseSerialGC -cp "$CP" >/dev/null 2>&1; then
      mv -f "$JSA.$$" "$JSA" && printf '%s\n' "$KEY" > "$LIB/atrium-cli.jsa.key"
    fi
    rm -f "$JSA.$$" "$JSA.$$.classes"
  fi
  if [ -f "$JSA" ]; then
    XSHARE=auto
    [ -n "$ATRIUM_XSHARE" ] && XSHARE=$ATRIUM_XSHARE
    exec "$JAVA" -XX:SharedArchiveFile="$JSA" -Xshare:$XSHARE $OPTS -cp "$CP" $MAIN "$@"
  fi
fi
exec "$JAVA" $OPTS -cp "$CP" $MAIN "$@"
