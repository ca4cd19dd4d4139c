package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xml.sax.InputSource;

@Tag("simulator")
class XmlWriterTest {

  @Test
  void escapesMarkupInTextSoItReadsBackAsWritten() throws Exception {
    String value = "<&>\"' ]]> <![CDATA[x]]> &amp; é";
    String xml = new XmlWriter(100).open("R", "urn:r").element("v", value).close("R").toString();
    assertThat(xml)
        .isEqualTo(
            "<R xmlns=\"urn:r\"><v>&lt;&amp;&gt;\"' ]]&gt; &lt;![CDATA[x]]&gt; &amp;amp; é</v></R>");
    assertThat(
            DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)))
                .getDocumentElement()
                .getTextContent())
        .isEqualTo(value);
  }

  @Test
  void leavesOutAbsentTextAndWritesEmptyOnesAsAWSDoes() {
    assertThat(
            new XmlWriter(100)
                .open("R")
                .element("absent", (String) null)
                .element("blank", "")
                .empty("list")
                .open("nested")
                .close("nested")
                .close("R")
                .toString())
        .isEqualTo("<R><blank></blank><list/><nested></nested></R>");
    assertThat(new XmlWriter(10).empty("alone").toString()).isEqualTo("<alone/>");
  }

  @Test
  void refusesToCloseAnElementThatIsNotTheInnermost() {
    XmlWriter xml = new XmlWriter(100).open("a").open("b");
    assertThatThrownBy(() -> xml.close("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot close a while b is open");
    assertThat(xml.close("b").close("a").toString()).isEqualTo("<a><b></b></a>");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0.0",
    "3, 3.0",
    "-2, -2.0",
    "0.1, 0.1",
    "12345.678, 12345.678",
    "9999999, 9999999.0",
    "10000000, 1.0E7",
    "0.00001, 1.0E-5",
    "-1e300, -1.0E300"
  })
  void writesNumbersAsJavasDoubleToStringDoes(double value, String text) {
    assertThat(new XmlWriter(10).element("n", value).toString())
        .isEqualTo("<n>" + text + "</n>")
        .isEqualTo("<n>" + Double.toString(value) + "</n>");
  }
}
