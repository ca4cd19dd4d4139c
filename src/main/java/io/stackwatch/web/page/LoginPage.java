package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /login}: the sign-in form of the built-in user list ({@code stackwatch.auth.mode=users}).
 * It posts to {@code /j_security_check}, where Quarkus' form authentication checks the password.
 */
@Path("/login")
public class LoginPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(boolean failed);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get(@QueryParam("error") String error) {
    return Templates.login(error != null);
  }
}
