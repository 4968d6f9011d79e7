// The second baseline of the cold-start benchmark: a bare Functions Framework CloudEvent function. The
// invoker's own CloudEvent handling (the CloudEvents SDK with Jackson, ~400 classes) is in it, so the
// event functions' figures can be read against what any Java event function pays.
import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
public class HelloEvent implements CloudEventsFunction {
  @Override public void accept(CloudEvent event) {
    System.out.println("event " + event.getId());
  }
}
