package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.security.AuthConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /logout}: signing out of the built-in user list. The page asks; its form (POST, with its
 * CSRF token, so another site cannot sign anyone out) removes the session cookie and goes to the
 * sign-in page.
 */
@Path("/logout")
public class SignOutPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance signOut();
  }

  private final String cookieName;

  SignOutPage(
      @ConfigProperty(
              name = "quarkus.http.auth.form.cookie-name",
              defaultValue = "quarkus-credential")
          String cookieName) {
    this.cookieName = cookieName;
  }

  /** For layout.html: whether pages offer to sign out (people sign in with the user list). */
  @TemplateGlobal(name = "signOutOffered")
  static boolean signOutOffered() {
    return ConfigProvider.getConfig()
        .getOptionalValue("stackwatch.auth.mode", String.class)
        .map(m -> m.strip().equalsIgnoreCase(AuthConfig.Mode.USERS.name()))
        .orElse(false);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get() {
    return Templates.signOut();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut() {
    NewCookie cleared =
        new NewCookie.Builder(cookieName)
            .value("")
            .path("/")
            .maxAge(0)
            .secure(true)
            .httpOnly(true)
            .sameSite(NewCookie.SameSite.STRICT)
            .build();
    return Response.seeOther(URI.create("/login")).cookie(cleared).build();
  }
}
