// Starts DynamoDB Local listening on one address only (127.0.0.1 unless -Dtracker.host says otherwise),
// on the port -Dtracker.port names (0, the default: one the kernel picks as it binds, printed).
// DynamoDB Local has no option for the address, binds every interface and refuses port 0; its
// Jetty connector is set to both before the server starts. Run in Java's source-file mode (JDK 11+).
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDBLocalOnHost {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("tracker.host", "127.0.0.1");
    int port = Integer.parseInt(System.getProperty("tracker.port", "0"));
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost(host);
      ((ServerConnector) connector).setPort(port);
    }
    proxy.start();
    // The caller reads the port from this line.
    System.out.println("Listening on " + host + ":" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    proxy.join();
  }
}
