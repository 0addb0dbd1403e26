# Shared by bin/kubectl-ws and bin/kubectl-atrium (which set MAIN): starts the JVM fast.
#
# Start-up: an AppCDS archive (lib/atrium-cli.jsa: the classes of every command, already parsed
# and verified) plus C1 only and the serial GC. The JVM uses the archive only with the exact
# class path (and jar sizes/times) it was dumped with, so the archive is made for this folder:
# on the first run here (or after the folder or java changed) the launcher runs the offline
# training command once with -XX:ArchiveClassesAtExit, then the real command. The Maven build
# does that first run, so target/plugin is ready to use; an unpacked release does it on first use.
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
    if "$JAVA" -XX:ArchiveClassesAtExit="$JSA.$$" $OPTS -cp "$CP" dev.atrium.cli.ws.cmd.WsCommand __train-cds >/dev/null 2>&1; then
      mv -f "$JSA.$$" "$JSA" && printf '%s\n' "$KEY" > "$LIB/atrium-cli.jsa.key"
    fi
    rm -f "$JSA.$$"
  fi
  if [ -f "$JSA" ]; then
    XSHARE=auto
    [ -n "$ATRIUM_XSHARE" ] && XSHARE=$ATRIUM_XSHARE
    exec "$JAVA" -XX:SharedArchiveFile="$JSA" -Xshare:$XSHARE $OPTS -cp "$CP" $MAIN "$@"
  fi
fi
exec "$JAVA" $OPTS -cp "$CP" $MAIN "$@"
