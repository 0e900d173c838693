// Starts DynamoDB Local listening on one address only (127.0.0.1 unless -Dtracker.host says otherwise).
// DynamoDB Local has no option for the address and binds every interface; its Jetty connector
// is set to the host before the server starts. Run in Java's source-file mode (JDK 11+).
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDBLocalOnHost {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("tracker.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost(host);
    proxy.start();
    System.out.println("Listening on " + host);
    proxy.join();
  }
}
