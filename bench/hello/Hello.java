// The baseline of the cold-start benchmark: a bare Functions Framework function, nothing else.
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
public class Hello implements HttpFunction {
  @Override public void service(HttpRequest request, HttpResponse response) throws Exception {
    response.getWriter().write("{\"id\":\"hello\"}");
  }
}
